// Builds the Express app: security and session middleware, then each feature's routes, then errors.
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { authRoutes } from './auth/auth.routes';
import { createLoginThrottle } from './auth/login-throttle';
import { configurePassport } from './auth/passport';
import { absoluteSessionTimeout, sessionMiddleware } from './auth/sessions';
import type { Config } from './config';
import { homeRoutes } from './home/home.routes';
import { absenceRoutes } from './absences/absences.routes';
import { passwordRoutes } from './auth/password.routes';
import { invitationRoutes } from './invitations/invitations.routes';
import { csrfProtection } from './http/csrf';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { healthRoutes } from './http/health.routes';
import { numberText } from './http/number-text';
import { pageLocals } from './http/page-locals';
import { employeeExportRoutes } from './people-export/export.routes';
import { employeeImportRoutes } from './people-import/import.routes';
import { planRunRoutes } from './plan-runs/plan-runs.routes';
import { scheduleRoutes } from './schedule/schedule.routes';
import { settingsRoutes } from './settings/settings.routes';
import { peopleRoutes } from './people/people.routes';
import { auditRoutes } from './audit/audit.routes';
import { rotationRoutes } from './rotations/rotation.routes';
import { noticeRoutes } from './notices/notices.routes';
import { calendarRoutes } from './calendars/calendars.routes';
import { shiftRoutes } from './shifts/shifts.routes';
import { dashboardRoutes } from './dashboards/dashboards.routes';
import { insightRoutes } from './insights/insights.routes';
import { learningsRoutes } from './learnings/learnings.routes';
import { FigureCache } from './figure-cache/figure-cache';

export interface AppDependencies {
  dataSource: DataSource;
  config: Config;
  logger: Logger;
}

const projectRoot = path.join(__dirname, '..');

export function buildApp({ dataSource, config, logger }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', path.join(projectRoot, 'views'));
  app.locals.numberText = numberText;

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Uploads carry their CSRF token in the query string (multipart bodies are read after the check); keep it out of logs.
      serializers: {
        req: (req: { url?: string; query?: unknown }) => ({ ...req, query: undefined, url: req.url?.replace(/([?&]_csrf=)[^&]*/, '$1[redacted]') }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.trustProxy ? [] : null,
        },
      },
    }),
  );
  app.use('/assets', express.static(path.join(projectRoot, 'public'), { maxAge: '1h' }));
  app.use(healthRoutes(dataSource));

  app.use(express.urlencoded({ extended: false, limit: '200kb' }));
  app.use(sessionMiddleware(dataSource, config));
  app.use(absoluteSessionTimeout(config));
  const passport = configurePassport(dataSource);
  app.use(passport.session());
  app.use(csrfProtection);
  app.use(pageLocals);

  app.use(authRoutes(passport, createLoginThrottle(dataSource, config.loginThrottle)));
  app.use(homeRoutes(dataSource));
  // Before the people routes, whose /hr/employees/:id would otherwise take /hr/employees/export.csv.
  app.use(employeeImportRoutes(dataSource, config), employeeExportRoutes(dataSource));

  app.use(absenceRoutes(dataSource));
  app.use(passwordRoutes(dataSource));
  app.use(invitationRoutes(dataSource, config));
  app.use(rotationRoutes(dataSource));
  app.use(planRunRoutes(dataSource));
  app.use(settingsRoutes(dataSource));

  app.use(peopleRoutes(dataSource, config), auditRoutes(dataSource));

  app.use(noticeRoutes(dataSource));

  app.use(calendarRoutes(dataSource, config));
  app.use(scheduleRoutes(dataSource));
  app.use(shiftRoutes(dataSource));
  const figureCache = new FigureCache(dataSource, config.figuresMaxAgeSeconds);
  app.use(dashboardRoutes(dataSource, figureCache));
  app.use(insightRoutes(dataSource));
  app.use(learningsRoutes(dataSource, figureCache));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
