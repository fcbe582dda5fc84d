import { Router } from 'express';
import { homeFor } from '../auth/auth.routes';
import { anyone, headsOnly, hrOnly, signedIn } from '../http/access';

export function homeRoutes(): Router {
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

  return router;
}
