/** Hono generics for the whole app: the Worker's bindings and per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
  };
}
