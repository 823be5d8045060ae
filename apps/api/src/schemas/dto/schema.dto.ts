import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ACCESS_VALUES, type AccessValue } from '../../tests/dto/test.dto';

/** Horreum's access parameter and fields: a name or its ordinal (PUBLIC=0, PROTECTED=1, PRIVATE=2). */
export const ACCESS_INPUTS = [...ACCESS_VALUES, 0, 1, 2, '0', '1', '2'] as const;
export type AccessInput = (typeof ACCESS_INPUTS)[number];

const JSON_SCHEMA_DESCRIPTION =
  'The JSON Schema that documents of this URI are validated against (a JSON object). Horreum documents it as a string; a string holding JSON is read as that JSON, and an empty object or string means none.';

/** Horreum's `Schema`, as answered. */
export class SchemaDto {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Unique schema id', example: 101 })
  id: number;

  @ApiProperty({ description: 'Unique, versioned schema URI', example: 'urn:my-benchmark:0.1' })
  uri: string;

  @ApiProperty({ description: 'Schema name, unique in this instance', example: 'My benchmark schema' })
  name: string;

  @ApiPropertyOptional({ description: 'Schema description' })
  description?: string;

  @ApiProperty({ description: 'Name of the team that owns the schema', example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access', description: 'Who may see the schema', example: 'PUBLIC' })
  access: AccessValue;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: JSON_SCHEMA_DESCRIPTION })
  schema?: unknown;
}

/** Body of addSchema and updateSchema (Horreum's `Schema`; `id` is required to update). */
export class SchemaInput {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'The schema to update (updateSchema); ignored on create', example: 101 })
  @IsOptional()
  @IsInt()
  id?: number | null;

  @ApiProperty({ description: 'Unique URI; the scheme is one of urn, uri, http, https, ftp, file, jar', example: 'urn:my-benchmark:0.1' })
  @IsString()
  @MaxLength(2000)
  uri: string;

  @ApiProperty({ description: 'Unique name', example: 'My benchmark schema' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiProperty({ description: 'Owner team; you must be one of its testers', example: 'performance-team' })
  @IsString()
  owner: string;

  @ApiPropertyOptional({ enum: ACCESS_VALUES, enumName: 'Access', description: 'By name or ordinal (0, 1, 2); PUBLIC when a schema is created without it' })
  @IsOptional()
  @IsIn(ACCESS_INPUTS)
  access?: AccessInput;

  @ApiPropertyOptional({ oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }], nullable: true, description: JSON_SCHEMA_DESCRIPTION })
  @Allow()
  schema?: unknown;
}

export class SchemaQueryResult {
  @ApiProperty({ type: [SchemaDto], description: 'The schemas of this page' })
  schemas: SchemaDto[];

  @ApiProperty({ type: 'integer', format: 'int64', description: 'How many schemas the caller may see in all (with the name and roles filters)', example: 64 })
  count: number;
}

export class SchemaDescriptor {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ example: 'my-benchmark-schema' })
  name: string;

  @ApiProperty({ example: 'urn:my-benchmark:0.1' })
  uri: string;
}

/** Where a label is used. Granary has fingerprints so far (`type` FINGERPRINT); variables, rules, views and reports come later. */
export class LabelLocation {
  @ApiProperty({ enum: ['FINGERPRINT', 'MISSINGDATA_RULE', 'VARIABLE', 'VIEW', 'REPORT'], description: 'Where the label is used', example: 'FINGERPRINT' })
  type: 'FINGERPRINT' | 'MISSINGDATA_RULE' | 'VARIABLE' | 'VIEW' | 'REPORT';

  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  testId: number;

  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  testName: string;
}
