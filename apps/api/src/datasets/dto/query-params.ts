import { applyDecorators, Param, ParseIntPipe } from '@nestjs/common';
import { DomainError } from '../../common/problem/domain-error';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * Query-string helpers shared by the test, run and dataset lists (a candidate for common/http once
 * a third domain needs them). Query values arrive as strings: `Type(() => Boolean)` would read
 * "false" as true, so booleans are parsed by name.
 */
export function BooleanQuery(options: { required?: boolean } = {}) {
  return applyDecorators(
    ...(options.required ? [] : [IsOptional()]),
    Transform(({ value }: { value: unknown }) => (value === 'true' || value === '' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
}

/** An optional integer query parameter within [min, max]. */
export function IntQuery(min: number, max = 2_147_483_647) {
  return applyDecorators(IsOptional(), Type(() => Number), IsInt(), Min(min), Max(max));
}

/**
 * Horreum's list parameters (`include=a,b` or `include=a&include=b`): one flat list of trimmed,
 * non-empty names.
 */
export function CommaListQuery() {
  return Transform(({ value }: { value: unknown }) => {
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
    return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
  });
}

/**
 * 1-based paging of Horreum's run and dataset lists: page 1 is the first; page 0 or none means
 * from the start (Horreum's `Util.addPaging`).
 */
export function offsetOf1Based(limit: number, page: number | undefined): number {
  return page !== undefined && page > 0 ? limit * (page - 1) : 0;
}

/**
 * A path parameter that is an int32 id (ids beyond int32 would fail in PostgreSQL): anything else
 * is a 400 naming the parameter.
 */
export function IdParam(name: string) {
  return Param(
    name,
    new ParseIntPipe({
      exceptionFactory: () => new DomainError('validation-failed', { detail: `${name} must be an integer id.`, errors: [{ pointer: `/${name}`, message: 'not an integer id' }] }),
    }),
    {
      transform: (value: number) => {
        if (value < -2_147_483_648 || value > 2_147_483_647) {
          throw new DomainError('validation-failed', { detail: `${name} is out of range.`, errors: [{ pointer: `/${name}`, message: 'out of range' }] });
        }
        return value;
      },
    },
  );
}
