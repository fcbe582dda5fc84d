// The navigation bar: each entry names the roles that see it, so each role sees what it may use.
import type { Role } from '../people/roles';

export interface NavigationEntry {
  label: string;
  href: string;
  roles: Role[];
}

const entries: NavigationEntry[] = [
  { label: 'Home', href: '/me', roles: ['employee'] },
  { label: 'My rotations', href: '/me/rotations', roles: ['employee'] },
  { label: 'My shifts', href: '/me/shifts', roles: ['employee'] },
  { label: 'My progress', href: '/me/progress', roles: ['employee'] },
  { label: 'My notices', href: '/me/notices', roles: ['employee'] },
  { label: 'My insights', href: '/me/insights', roles: ['employee'] },
  { label: 'My departments', href: '/head', roles: ['head'] },
  { label: 'Calendar', href: '/head/calendar', roles: ['head'] },
  { label: 'Department dashboard', href: '/head/dashboard', roles: ['head'] },
  { label: 'Learnings', href: '/head/learnings', roles: ['head'] },
  { label: 'HR', href: '/hr', roles: ['hr'] },
  { label: 'Dashboard', href: '/hr/dashboard', roles: ['hr'] },
  { label: 'Learnings', href: '/hr/learnings', roles: ['hr'] },
  { label: 'Employees', href: '/hr/employees', roles: ['hr'] },
  { label: 'Departments', href: '/hr/departments', roles: ['hr'] },
  { label: 'Sites', href: '/hr/sites', roles: ['hr'] },
  { label: 'Audit log', href: '/hr/audit', roles: ['hr'] },
  { label: 'Import', href: '/hr/import', roles: ['hr'] },
  { label: 'Outbox', href: '/hr/outbox', roles: ['hr'] },
  { label: 'Desks', href: '/hr/desks', roles: ['hr'] },
  { label: 'Programmes', href: '/hr/programmes', roles: ['hr'] },
  { label: 'Limits', href: '/hr/limits', roles: ['hr'] },
  { label: 'Plan runs', href: '/hr/plan-runs', roles: ['hr'] },
  { label: 'Assignments', href: '/hr/assignments', roles: ['hr'] },
  { label: 'Coverage', href: '/hr/coverage', roles: ['hr'] },
  { label: 'Requests', href: '/hr/requests', roles: ['hr'] },
  { label: 'Incomplete rotations', href: '/hr/incomplete', roles: ['hr'] },
  { label: 'Timeline', href: '/hr/timeline', roles: ['hr'] },
  { label: 'Settings', href: '/hr/settings', roles: ['hr'] },
  { label: 'Insight lists', href: '/hr/insight-lists', roles: ['hr'] },
  { label: 'What customers told us', href: '/learnings', roles: ['employee', 'head', 'hr'] },
  { label: 'About', href: '/about', roles: ['employee', 'head', 'hr'] },
];

export function navigationFor(userRoles: readonly Role[]): NavigationEntry[] {
  return entries.filter((entry) => entry.roles.some((role) => userRoles.includes(role)));
}
