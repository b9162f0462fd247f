import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { QuickSightClient } from '@aws-sdk/client-quicksight';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

/**
 * Counts AWS SDK calls of every client the plugin uses, by wrapping `send` where each client
 * class inherits it. Calls are refused rather than sent: a benchmark never leaves loopback.
 */
export function countAwsCalls(): { count(): number; calls(): string[]; restore(): void } {
  const calls: string[] = [];
  const restores: Array<() => void> = [];
  const owners = new Set<{ send: (...args: unknown[]) => unknown }>();
  for (const Client of [SageMakerClient, CloudWatchClient, S3Client, AthenaClient, QuickSightClient]) {
    let owner = Client.prototype as object;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, 'send')) owner = Object.getPrototypeOf(owner);
    if (owner) owners.add(owner as { send: (...args: unknown[]) => unknown });
  }
  for (const owner of owners) {
    const original = owner.send;
    owner.send = function countedSend(command: unknown) {
      calls.push((command as { constructor: { name: string } }).constructor.name);
      return Promise.reject(new Error('AWS calls are refused during the benchmark'));
    };
    restores.push(() => {
      owner.send = original;
    });
  }
  return { count: () => calls.length, calls: () => [...calls], restore: () => restores.forEach(r => r()) };
}
