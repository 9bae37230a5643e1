/**
 * A mock of the Messages API on 127.0.0.1 for Claude Code runs. Each run has a path prefix (`/r<id>`) of
 * its own, so one server serves runs at once. The first request of the main conversation is recorded
 * (it lists the agents) and answered with one `Agent` tool call per agent to probe; each subagent's own
 * request is recorded (its model, tools and system prompt) and answered with a short text. Claude Code
 * starts at most 20 subagents from one answer, so the main conversation's later requests (with the
 * results) are answered with the next 20 calls, until every agent was asked; then the turn ends.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SubagentRequest {
  model: string;
  tools: string[];
  /** The system prompt blocks, joined. */
  system: string;
  /** The text of the messages (for the deferred tools list and the probe's prompt). */
  messages: string;
}

export interface RunRecord {
  /** The first streamed request of the main conversation. */
  main?: { model: string; tools: string[]; messages: string };
  /** Subagent requests by probe token. */
  subagents: Map<string, SubagentRequest>;
}

interface Run {
  spawn: string[];
  /** How many of `spawn` were called so far. */
  called: number;
  record: RunRecord;
}

/** Claude Code runs at most this many of the tool calls of one answer. */
const CALLS_PER_ANSWER = 20;

type Json = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b: Json) => (typeof b.text === 'string' ? b.text : typeof b.content === 'string' || Array.isArray(b.content) ? textOf(b.content) : '')).join('\n');
}

/** The probe token of an agent: sent as the subagent's prompt, found again in its request. */
export const probeToken = (i: number) => `oracle-probe-${i}-end`;

export class MockApi {
  private readonly server: http.Server;
  private readonly runs = new Map<string, Run>();
  private next = 0;

  private constructor(server: http.Server) {
    this.server = server;
  }

  static async start(): Promise<MockApi> {
    const server = http.createServer();
    const api = new MockApi(server);
    server.on('request', (req, res) => api.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A new run: its base URL (for ANTHROPIC_BASE_URL) and what it records. */
  open(spawn: string[]): { baseUrl: string; record: RunRecord; close(): void } {
    const id = `r${++this.next}`;
    const record: RunRecord = { subagents: new Map() };
    this.runs.set(id, { spawn, called: 0, record });
    return { baseUrl: `http://127.0.0.1:${this.port}/${id}`, record, close: () => this.runs.delete(id) };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Json = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      } catch {
        // not JSON: answered below like any other request
      }
      const run = this.runs.get((req.url ?? '').split('/')[1] ?? '');
      if (!run || !Array.isArray(body.messages) || body.stream !== true) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'msg_0',
            type: 'message',
            role: 'assistant',
            model: typeof body.model === 'string' ? body.model : 'm',
            content: [{ type: 'text', text: 'ok' }],
            stop_reason: 'end_turn',
            usage: { input_tokens: 1, output_tokens: 1 },
          }),
        );
        return;
      }
      const system = textOf(body.system);
      const messages = textOf((body.messages as Json[]).map((m) => ({ text: textOf(m.content) })));
      const tools = Array.isArray(body.tools) ? (body.tools as Json[]).map((t) => String(t.name)) : [];
      const model = typeof body.model === 'string' ? body.model : '';
      if (system.includes('cc_is_subagent=true')) {
        const token = /oracle-probe-\d+-end/.exec(messages)?.[0];
        if (token && !run.record.subagents.has(token)) run.record.subagents.set(token, { model, tools, system, messages });
        return this.stream(res, [{ type: 'text', text: 'done' }], 'end_turn');
      }
      run.record.main ??= { model, tools, messages };
      if (run.called < run.spawn.length) {
        const from = run.called;
        run.called = Math.min(run.spawn.length, from + CALLS_PER_ANSWER);
        const calls = run.spawn.slice(from, run.called).map((name, k) => ({
          type: 'tool_use' as const,
          id: `toolu_${from + k}`,
          name: 'Agent',
          input: { subagent_type: name, description: 'probe', prompt: `Reply with one word. ${probeToken(from + k)}`, run_in_background: false },
        }));
        return this.stream(res, calls, 'tool_use');
      }
      this.stream(res, [{ type: 'text', text: 'done' }], 'end_turn');
    });
  }

  private stream(
    res: http.ServerResponse,
    blocks: Array<{ type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown }>,
    stop: string,
  ): void {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const event = (type: string, data: Json) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    event('message_start', {
      message: {
        id: `msg_${++this.next}`,
        type: 'message',
        role: 'assistant',
        model: 'claude-mock',
        content: [],
        stop_reason: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    });
    blocks.forEach((b, index) => {
      if (b.type === 'text') {
        event('content_block_start', { index, content_block: { type: 'text', text: '' } });
        event('content_block_delta', { index, delta: { type: 'text_delta', text: b.text } });
      } else {
        event('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
        event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } });
      }
      event('content_block_stop', { index });
    });
    event('message_delta', { delta: { stop_reason: stop }, usage: { output_tokens: 1 } });
    event('message_stop', {});
    res.end();
  }
}
