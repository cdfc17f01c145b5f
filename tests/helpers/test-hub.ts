import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A WebSub hub written for the tests, on 127.0.0.1: it records every publish request (form fields, content type,
 * the status it answered) and answers with whatever status `answer` picks for the request's number (1-based).
 */
export interface HubRequest {
  mode: string | null;
  urls: string[];
  topics: string[];
  contentType: string | undefined;
  status: number;
}

export interface TestHub {
  url: string;
  requests: HubRequest[];
  /** Topics of the requests answered 2xx, as a multiset: topic → times. */
  delivered(): Map<string, number>;
  close(): Promise<void>;
}

export async function startTestHub(answer: (n: number, topic: string) => number = () => 204): Promise<TestHub> {
  const requests: HubRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const topics = form.getAll('hub.topic');
      const status = req.method === 'POST' ? answer(requests.length + 1, topics[0] ?? '') : 405;
      requests.push({
        mode: form.get('hub.mode'),
        urls: form.getAll('hub.url'),
        topics,
        contentType: req.headers['content-type'],
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    requests,
    delivered() {
      const counts = new Map<string, number>();
      for (const r of requests) {
        if (r.status < 200 || r.status > 299) continue;
        for (const topic of r.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
      }
      return counts;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
