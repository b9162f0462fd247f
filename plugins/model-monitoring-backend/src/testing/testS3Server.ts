// A copy of @mlmon/monitor-engine's src/storage/testS3Server.ts: the engine package exports no
// test helpers (its package.json lists no such entry point), and importing its src/ from here is
// refused by @backstage/no-forbidden-package-imports. Drop this copy once the engine exports it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * An s3rver instance on 127.0.0.1 with a random port, for tests that round-trip through the real
 * S3 client. Test-only helper; nothing in the engine imports it.
 *
 * s3rver runs in a child Node process started with --openssl-legacy-provider: it encrypts
 * ListObjectsV2 continuation tokens with DES, which OpenSSL 3 disables by default, so paginated
 * listings fail in-process. A separate process is also closer to a real, remote S3.
 */
export interface TestS3Server {
  endpoint: string;
  client(): S3Client;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = `
const [s3rverPath, directory, ...buckets] = process.argv.slice(1);
const S3rver = require(s3rverPath);
const server = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory,
  configureBuckets: buckets.map(name => ({ name })),
});
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\\n'));
// Stop with the test process: its end of the stdin pipe closes when it exits.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export async function startTestS3Server(buckets: string[]): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-s3rver-'));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', SERVER_SCRIPT, require.resolve('s3rver'), directory, ...buckets],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`s3rver exited early with code ${code}`)));
    child.stdout!.on('data', chunk => {
      output += String(chunk);
      const line = output.split('\n')[0];
      if (output.includes('\n')) resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  child.removeAllListeners('exit');
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    endpoint,
    client() {
      const client = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      clients.push(client);
      return client;
    },
    async stop() {
      clients.forEach(c => c.destroy());
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
