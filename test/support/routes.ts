// Lists every route the app registers, straight from Express's router, with the access rule it declares.
import type { Express } from 'express';
import type { AccessRule } from '../../src/http/access';

export interface RegisteredRoute {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
  handle: { stack?: Layer[]; accessRule?: AccessRule };
}

function walk(stack: Layer[], found: RegisteredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const rule = layer.route.stack.map((inner) => inner.handle.accessRule).find(Boolean);
      for (const method of Object.keys(layer.route.methods)) {
        if (method !== '_all') found.push({ method: method.toUpperCase(), path: layer.route.path, rule });
      }
    } else if (layer.handle.stack) {
      walk(layer.handle.stack, found);
    }
  }
}

export function registeredRoutes(app: Express): RegisteredRoute[] {
  const found: RegisteredRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, found);
  return found;
}
