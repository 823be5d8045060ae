/** Names of the login form's fields: PatternFly's LoginForm names its inputs after their ids. */
export const USERNAME_FIELD = 'pf-login-username-id';
export const PASSWORD_FIELD = 'pf-login-password-id';
export const NEXT_FIELD = 'next';
