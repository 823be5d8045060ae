import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from './common/problem/problem.dto';

/** Granary's OpenAPI 3.1 document, built from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Granary API')
    .setDescription(
      'Granary stores performance results and finds changes in them. Where Horreum (0.20) has an endpoint, Granary answers the same path, parameters and shapes; Granary\'s additions live beside them. Every error is an RFC 9457 problem (`application/problem+json`).',
    )
    .setVersion('0.1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A Granary session token (`gs_…`), an API key (`HUSR_…`) or an OIDC access token' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Horreum-API-Key', description: 'An API key, as Horreum clients send it' }, 'apiKey')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: "Granary's own users: user name and password" })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  // Referenced by name from ApiProblemResponses.
  const schemas = document.components?.schemas ?? {};
  if (schemas.ProblemDto && !schemas.Problem) {
    schemas.Problem = schemas.ProblemDto;
    delete schemas.ProblemDto;
  }
  return document;
}

/** JSON with keys in a stable order, so the committed document diffs cleanly in review. */
export function stableStringify(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v.map(sort);
    }
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
