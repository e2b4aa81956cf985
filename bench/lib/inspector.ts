/**
 * Reads the Worker isolate's V8 heap through `wrangler dev`'s inspector (Chrome DevTools
 * protocol, Runtime.getHeapUsage). That heap is what Workers' 128 MB limit is about; the
 * workerd process's RSS also holds miniflare's helper workers and SQLite's page cache.
 */
export interface HeapUsage {
  usedBytes: number;
  totalBytes: number;
}

export interface WorkerInspector {
  heapUsage(): Promise<HeapUsage>;
  close(): void;
}

export async function connectInspector(port: number): Promise<WorkerInspector> {
  // The inspector proxy refuses upgrades without an Origin header (undici's WebSocket takes `headers`).
  const init = { headers: { Origin: "http://127.0.0.1" } } as unknown as string[];
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, init);
  const pending = new Map<number, (result: Record<string, number>) => void>();
  let nextId = 1;
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, number> };
    const resolve = message.id === undefined ? undefined : pending.get(message.id);
    if (resolve && message.result) {
      pending.delete(message.id!);
      resolve(message.result);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error(`cannot connect to the inspector on port ${port}`)), { once: true });
  });
  return {
    heapUsage() {
      const id = nextId++;
      return new Promise<HeapUsage>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("inspector: no answer to Runtime.getHeapUsage"));
        }, 5000);
        pending.set(id, (result) => {
          clearTimeout(timer);
          resolve({ usedBytes: result.usedSize ?? 0, totalBytes: result.totalSize ?? 0 });
        });
        socket.send(JSON.stringify({ id, method: "Runtime.getHeapUsage" }));
      });
    },
    close: () => socket.close(),
  };
}
