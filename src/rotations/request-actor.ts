import type { Request } from 'express';
import type { AuditActor } from '../audit/audit-log';

/** The signed-in person, as the audit log names them. Only for routes behind an access rule that requires sign-in. */
export function actorOf(req: Request): AuditActor {
  return { id: req.user!.id, name: req.user!.fullName };
}
