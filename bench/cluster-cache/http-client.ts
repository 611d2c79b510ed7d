/** A small keep-alive HTTP client for the load generator: Atrium's latency, not fetch's, is measured. */
import http from 'node:http';

// The bench reads a few known fields of Atrium's answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function getJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: JsonBody }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          });
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

export function closeClient(): void {
  agent.destroy();
}
