/// <reference types="astro/client" />
declare namespace App {
  interface Locals extends import("./lib/api").PageLocals {}
}
