import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ACCESS_VALUES, type AccessValue } from '../../tests/dto/test.dto';
import { LabelDto, LabelInput } from './label.dto';
import { ACCESS_INPUTS, SchemaDto, SchemaInput, type AccessInput } from './schema.dto';
import { TransformerDto, TransformerInput } from './transformer.dto';

/** Horreum's `SchemaExport`: a schema with its labels and transformers. */
export class SchemaExport extends SchemaDto {
  @ApiProperty({ type: [LabelDto] })
  labels: LabelDto[];

  @ApiProperty({ type: [TransformerDto] })
  transformers: TransformerDto[];
}

/** Body of addSchemaWithImport/updateSchemaWithImport: matched by URI, labels and transformers by name. */
export class SchemaExportInput extends SchemaInput {
  @ApiPropertyOptional({ type: [LabelInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  labels?: LabelInput[];

  @ApiPropertyOptional({ type: [TransformerInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TransformerInput)
  transformers?: TransformerInput[];
}

const NOT_YET = 'Granary has none yet: exported empty; ignored on import.';
const ANY_LIST = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/**
 * Horreum's `TestExport`: the test and its transformers, plus Granary's `schemas` (every schema
 * the test uses, with labels and transformers) so that one file recreates the test elsewhere.
 * Granary has no datastores: `datastoreId` and `datastore` are not answered, as for getTest.
 */
export class TestExport {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  name: string;

  @ApiPropertyOptional({ example: 'My Team Folder' })
  folder?: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access', example: 'PUBLIC' })
  access: AccessValue;

  @ApiProperty({ type: [String], description: 'Labels whose value orders datasets in time' })
  timelineLabels: string[];

  @ApiPropertyOptional()
  timelineFunction?: string;

  @ApiProperty({ type: [String], description: 'Labels whose values identify comparable datasets' })
  fingerprintLabels: string[];

  @ApiPropertyOptional()
  fingerprintFilter?: string;

  @ApiPropertyOptional()
  compareUrl?: string;

  @ApiProperty({ type: [TransformerDto], description: 'The transformers the test uses' })
  transformers: TransformerDto[];

  @ApiProperty()
  notificationsEnabled: boolean;

  @ApiProperty({ ...ANY_LIST, description: "Horreum: change detection variables (Variable objects)" })
  variables: unknown[];

  @ApiProperty({ ...ANY_LIST, description: 'Horreum: missing data rules (MissingDataRule objects; exported, ignored on import so far)' })
  missingDataRules: unknown[];

  @ApiProperty({ ...ANY_LIST, description: `Horreum: experiment profiles. ${NOT_YET}` })
  experiments: unknown[];

  @ApiProperty({ ...ANY_LIST, description: `Horreum: actions. ${NOT_YET}` })
  actions: unknown[];

  @ApiProperty({ type: [SchemaExport], description: "Granary: the schemas the test's runs, datasets and transformers use, with their labels and transformers" })
  schemas: SchemaExport[];
}

/** Body of addTestWithImport/updateTestWithImport: the test is matched by name, schemas by URI. */
export class TestExportInput {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'Ignored: tests are matched by name' })
  @IsOptional()
  @IsInt()
  id?: number | null;

  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'name must not start or end with spaces' })
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  folder?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiProperty({ example: 'performance-team' })
  @IsString()
  owner: string;

  @ApiPropertyOptional({ enum: ACCESS_VALUES, enumName: 'Access', description: 'By name or ordinal; PRIVATE when a test is created without it' })
  @IsOptional()
  @IsIn(ACCESS_INPUTS)
  access?: AccessInput;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'Ignored (see `datastore`)' })
  @IsOptional()
  @IsInt()
  datastoreId?: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Horreum datastore: only the built-in PostgreSQL one (type POSTGRES) is accepted' })
  @IsOptional()
  @IsObject()
  datastore?: { type?: unknown } | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  timelineLabels?: string[] | null;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  timelineFunction?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  fingerprintLabels?: string[] | null;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  fingerprintFilter?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  compareUrl?: string | null;

  @ApiPropertyOptional({ type: 'boolean', nullable: true, description: 'True when omitted' })
  @IsOptional()
  @IsBoolean()
  notificationsEnabled?: boolean | null;

  @ApiPropertyOptional({ type: [TransformerInput], nullable: true, description: 'The transformers the test uses, found by `schemaUri` and `name` (created from the definition when missing)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TransformerInput)
  transformers?: TransformerInput[] | null;

  @ApiPropertyOptional({ type: [SchemaExportInput], nullable: true, description: 'Granary: schemas to create or update first (matched by URI)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SchemaExportInput)
  schemas?: SchemaExportInput[] | null;

  @ApiPropertyOptional({ ...ANY_LIST, description: "Horreum's variables: replace the test's, matched by name (absent: the test's variables stay)" })
  @Allow()
  variables?: unknown;

  @ApiPropertyOptional({ ...ANY_LIST, description: "Horreum's missing data rules: ignored on import so far" })
  @Allow()
  missingDataRules?: unknown;

  @ApiPropertyOptional({ ...ANY_LIST, description: `Horreum's experiment profiles. ${NOT_YET}` })
  @Allow()
  experiments?: unknown;

  @ApiPropertyOptional({ ...ANY_LIST, description: `Horreum's actions. ${NOT_YET}` })
  @Allow()
  actions?: unknown;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `Horreum's subscriptions. ${NOT_YET}` })
  @Allow()
  subscriptions?: unknown;
}
