import { stopSignal } from '../../live/stop-signal.js';
import { serveMcpHttp, serveMcpStdio } from '../../mcp/mcp-server.js';
import { parseWhole } from '../flag-values.js';
import { addQueryStoreFlags, withQueryClient } from '../query-command.js';
import type { CliCommand } from './command.js';

/** `haysim mcp`: the query library's read-only tools for LLM agents, on stdio or streamable HTTP on 127.0.0.1. */
export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'serve read-only tools for LLM agents over MCP (stdio, or streamable HTTP on 127.0.0.1 with --http)',
  configure(command, cx) {
    addQueryStoreFlags(command, cx)
      .option('--http', 'serve streamable HTTP at http://127.0.0.1:<port>/mcp instead of stdio')
      .option('--port <port>', 'port with --http (0: any free port)', '8765');
  },
  async run(o, cx) {
    const port = o.http ? parseWhole(String(o.port), '--port', 0, 65_535) : undefined;
    const stop = stopSignal();
    try {
      await withQueryClient(o, cx, (q) =>
        port === undefined
          ? serveMcpStdio(q, stop.signal)
          : // stdout is free with HTTP: say where to connect
            serveMcpHttp(q, port, stop.signal, (url) => process.stdout.write(`haysim mcp: serving streamable HTTP at ${url}\n`)),
      );
    } finally {
      stop.dispose();
    }
    return 0;
  },
};
