import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';

/**
 * Who may call an endpoint, checked by the AuthGuard before the controller runs:
 * - `public`: anyone, anonymous included (row-level security still limits what they see);
 * - `authenticated`: any signed-in caller (the default for an endpoint without this decorator);
 * - `admin`: administrators only.
 * Finer rules (a team's manager, a test's owner team) are the service's to decide. The level
 * is also written into the OpenAPI document as `x-granary-access`, from which the isolation
 * matrix test is generated.
 */
export type AccessLevel = 'public' | 'authenticated' | 'admin';
export const ACCESS_METADATA = 'granary:access';

export function Access(level: AccessLevel) {
  const security = level === 'public' ? [] : [ApiBearerAuth(), ApiSecurity('apiKey'), ApiBasicAuth()];
  return applyDecorators(SetMetadata(ACCESS_METADATA, level), ApiExtension('x-granary-access', level), ...security);
}
