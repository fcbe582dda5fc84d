// The navigation bar: each entry names the roles that see it, so each role sees what it may use.
import type { Role } from '../people/roles';

export interface NavigationEntry {
  label: string;
  href: string;
  roles: Role[];
}

const entries: NavigationEntry[] = [
  { label: 'Home', href: '/me', roles: ['employee'] },
  { label: 'My departments', href: '/head', roles: ['head'] },
  { label: 'HR', href: '/hr', roles: ['hr'] },
  { label: 'About', href: '/about', roles: ['employee', 'head', 'hr'] },
];

export function navigationFor(userRoles: readonly Role[]): NavigationEntry[] {
  return entries.filter((entry) => entry.roles.some((role) => userRoles.includes(role)));
}
