/** Renders a template step using `action` with `input`, as YAML for an action's `examples`. */
export function yamlExample(action: string, input: Record<string, unknown>): string {
  const lines = ['steps:', `  - id: ${action.replace(/[^a-z]+/g, '-')}`, `    action: ${action}`];
  lines.push('    name: Model monitoring', '    input:');
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value)) {
      lines.push(`      ${key}:`, ...value.map(v => `        - ${JSON.stringify(v)}`));
    } else {
      lines.push(`      ${key}: ${JSON.stringify(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
