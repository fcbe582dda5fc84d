import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { signedIn } from '../http/access';
import { employeeNoticeLimit, listEmployeeNotices } from './employee-notices';

export function noticeRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/me/notices', signedIn, async (req, res) => {
    const notices = await listEmployeeNotices(dataSource.manager, req.user!.id);
    res.render('notices/my-notices', { title: 'My notices', notices, employeeNoticeLimit });
  });

  return router;
}
