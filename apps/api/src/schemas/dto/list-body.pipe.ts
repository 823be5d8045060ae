import { Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from '../../common/problem/domain-error';

/**
 * Validates a JSON array body whose items are `cls` (Horreum's `[Label]` bodies), as the global
 * ValidationPipe does for objects (whitelist, nested items), with a JSON pointer per problem.
 */
@Injectable()
export class ListBodyPipe<T extends object> implements PipeTransform<unknown, Promise<T[]>> {
  constructor(
    private readonly cls: ClassConstructor<T>,
    private readonly what: string,
    private readonly maxItems = 1000,
  ) {}

  async transform(body: unknown): Promise<T[]> {
    if (!Array.isArray(body)) {
      throw new DomainError('validation-failed', { detail: `The body must be a JSON array of ${this.what}.`, errors: [{ pointer: '', message: 'must be an array' }] });
    }
    if (body.length > this.maxItems) {
      throw new DomainError('validation-failed', { detail: `At most ${this.maxItems} ${this.what} at once.`, errors: [{ pointer: '', message: `must have at most ${this.maxItems} items` }] });
    }
    const items = body.map((item: unknown) => plainToInstance(this.cls, item ?? {}) as T);
    const errors: { pointer: string; message: string }[] = [];
    for (const [index, item] of items.entries()) {
      if (typeof body[index] !== 'object' || body[index] === null || Array.isArray(body[index])) {
        errors.push({ pointer: `/${index}`, message: 'must be an object' });
        continue;
      }
      errors.push(...flatten(await validate(item, { whitelist: true, forbidUnknownValues: false }), `/${index}`));
    }
    if (errors.length > 0) {
      throw new DomainError('validation-failed', { detail: `${errors.length} problem(s) with the request`, errors });
    }
    return items;
  }
}

/** An array of integer ids (`[1, 2, 3]`), as updateTransformers takes. */
@Injectable()
export class IdListPipe implements PipeTransform<unknown, number[]> {
  transform(body: unknown): number[] {
    if (!Array.isArray(body) || body.length > 1000) {
      throw new DomainError('validation-failed', { detail: 'The body must be a JSON array of at most 1000 ids.', errors: [{ pointer: '', message: 'must be an array of integers' }] });
    }
    const errors = body.flatMap((v: unknown, i) => (Number.isInteger(v) && (v as number) > 0 && (v as number) <= 2_147_483_647 ? [] : [{ pointer: `/${i}`, message: 'must be a positive integer' }]));
    if (errors.length > 0) {
      throw new DomainError('validation-failed', { detail: 'Every id must be a positive integer.', errors });
    }
    return [...new Set(body as number[])];
  }
}

function flatten(errors: ValidationError[], pointer: string): { pointer: string; message: string }[] {
  return errors.flatMap((e) => {
    const here = `${pointer}/${e.property}`;
    return [
      ...Object.values(e.constraints ?? {}).map((message) => ({ pointer: here, message })),
      ...flatten(e.children ?? [], here),
    ];
  });
}
