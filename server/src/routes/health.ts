import { Router } from 'express';
import { version } from '../version';

/** Something /ready can ask whether the service can do its work. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** `GET /health` (liveness: the process answers) and `GET /ready` (its dependencies answer). */
export function healthRouter(checks: ReadinessCheck[]): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', version });
  });
  router.get('/ready', async (req, res) => {
    const results: Record<string, string> = {};
    let ok = true;
    for (const { name, check } of checks) {
      try {
        await check();
        results[name] = 'ok';
      } catch (error) {
        ok = false;
        results[name] = 'unavailable';
        req.log.warn({ err: error, check: name }, 'readiness check failed');
      }
    }
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: results });
  });
  return router;
}
