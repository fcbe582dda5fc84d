import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { homeFor } from '../auth/auth.routes';
import { anyone, headsOnly, hrOnly, signedIn } from '../http/access';

export function homeRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/', anyone, (req, res) => {
    res.redirect(303, req.user ? homeFor(req.user.roles) : '/sign-in');
  });
  router.get('/me', signedIn, (req, res) => {
    res.render('home/employee', { title: 'Your front-line rotation' });
  });
  router.get('/head', headsOnly, (req, res) => {
    res.render('home/head', { title: 'Your departments' });
  });
  router.get('/hr', hrOnly, (req, res) => {
    res.render('home/hr', { title: 'Programme administration' });
  });
  router.get('/about', anyone, (req, res) => {
    res.render('home/about', { title: 'About this programme' });
  });

  // The HTTP benchmark's yardstick (the shape of TechEmpower's "Fortunes"): the least any page does, one indexed query
  // of 12 rows rendered in the same layout, so that every page can be reported as a ratio to it.
  router.get('/baseline', signedIn, async (req, res) => {
    const departments: { id: number; name: string }[] = await dataSource.query('SELECT id, name FROM departments ORDER BY name LIMIT 12');
    res.render('home/baseline', { title: 'Departments', departments });
  });

  return router;
}
