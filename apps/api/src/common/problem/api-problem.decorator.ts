import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/** Documents problem+json answers for the given statuses (500 is always added). */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...[...new Set([...statuses, 500])].map((status) =>
      ApiResponse({
        status,
        description: 'An RFC 9457 problem (see docs/problems.md)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );
}

export { ProblemDto };
