/** The bootstrap administrator every Granary started by the e2e suite has (GRANARY_ADMIN_PASSWORD). */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' } as const;

/** Environment for `startGranary` so the administrator above exists. */
export const ADMIN_ENV: Record<string, string> = { GRANARY_ADMIN_USER: ADMIN.username, GRANARY_ADMIN_PASSWORD: ADMIN.password };
