export const roles = ['hr', 'head', 'employee'] as const;
export type Role = (typeof roles)[number];
