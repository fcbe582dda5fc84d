// A TCP proxy between app processes and PostgreSQL, for tests to play the database's faults: cut (the database is
// gone: connections drop and new ones are refused), restore, and hold (what the app sends waits until released).
import net, { type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  hold(): void;
  release(): void;
  /** Bytes the app has sent while held, not forwarded yet: more than 0 once a held query is on its way. */
  heldBytes(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let held: { upstream: Socket; chunk: Buffer }[] | null = null;

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    open.add(client).add(upstream);
    client.on('data', (chunk) => (held ? held.push({ upstream, chunk }) : upstream.write(chunk)));
    upstream.on('data', (chunk) => client.write(chunk));
    const drop = () => {
      for (const socket of [client, upstream]) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of [client, upstream]) socket.on('close', drop).on('error', drop);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of open) socket.destroy();
    await closed;
  };
  await listen(0);
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    cut,
    restore: () => listen(port),
    hold() {
      held = [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const { upstream, chunk } of waiting) if (!upstream.destroyed) upstream.write(chunk);
    },
    heldBytes: () => (held ?? []).reduce((bytes, { chunk }) => bytes + chunk.length, 0),
    async close() {
      if (server.listening) await cut();
    },
  };
}
