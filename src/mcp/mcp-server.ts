import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { QueryClient } from '../query/query-client.js';
import { haysimVersion } from '../version.js';
import { MCP_TOOLS } from './mcp-tools.js';

/** An MCP server with haysim's read-only tools over one query client. */
export function createMcpServer(q: QueryClient): McpServer {
  const server = new McpServer({ name: 'haysim', version: haysimVersion() });
  for (const tool of MCP_TOOLS)
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => {
        const structured = await tool.call(q, args as never);
        return { structuredContent: structured, content: [{ type: 'text' as const, text: JSON.stringify(structured) }] };
      },
    );
  return server;
}

/** Serves on stdin/stdout until stdin ends or `signal` aborts. */
export async function serveMcpStdio(q: QueryClient, signal: AbortSignal): Promise<void> {
  const server = createMcpServer(q);
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  const close = () => void server.close();
  process.stdin.once('end', close);
  signal.addEventListener('abort', close, { once: true });
  await server.connect(new StdioServerTransport());
  await closed;
  process.stdin.off('end', close);
}

/**
 * Serves MCP's streamable HTTP at `/mcp` on 127.0.0.1 (the tools have no authentication), stateless: each
 * request gets its own server and transport over the one query client. Host headers other than the
 * loopback's are refused (DNS rebinding). Calls `ready` with the URL, returns when `signal` aborts.
 */
export async function serveMcpHttp(q: QueryClient, port: number, signal: AbortSignal, ready: (url: string) => void): Promise<void> {
  let allowedHosts: string[] = [];
  const http = createServer(async (req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('haysim mcp: POST JSON-RPC to /mcp\n');
      return;
    }
    const server = createMcpServer(q);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts,
    });
    res.on('close', () => void Promise.all([transport.close(), server.close()]));
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`haysim mcp: ${(err as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  const bound = (http.address() as AddressInfo).port;
  allowedHosts = [`127.0.0.1:${bound}`, `localhost:${bound}`];
  ready(`http://127.0.0.1:${bound}/mcp`);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await new Promise<void>((resolve) => http.close(() => resolve()));
}
