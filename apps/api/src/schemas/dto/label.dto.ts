import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ACCESS_VALUES, type AccessValue } from '../../tests/dto/test.dto';
import { ACCESS_INPUTS, SchemaDescriptor, type AccessInput } from './schema.dto';

/** Horreum's `Extractor`: where a value is in the document (PostgreSQL jsonpath, lax). */
export class ExtractorDto {
  @ApiProperty({ description: 'Name by which a combination function refers to the value', example: 'buildID' })
  name: string;

  @ApiProperty({ description: 'PostgreSQL jsonpath (lax; no `strict`/`lax` prefix), starting with `$`', example: '$.buildInfo.buildID' })
  jsonpath: string;

  @ApiProperty({ description: 'All matches as an array (true), or the first match (false)', example: false })
  isarray: boolean;
}

export class ExtractorInput {
  @ApiProperty({ example: 'buildID' })
  @IsString()
  @MaxLength(255)
  name: string;

  @ApiProperty({ example: '$.buildInfo.buildID' })
  @IsString()
  @MaxLength(10_000)
  jsonpath: string;

  @ApiPropertyOptional({ description: 'All matches as an array (true), or the first match (false, when omitted)' })
  @IsOptional()
  @IsBoolean()
  isarray?: boolean;
}

/** Horreum's `Label`: a named value computed from every dataset that carries its schema. */
export class LabelDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ description: 'Label name; labels of the same name in different schemas mean the same thing', example: 'Throughput' })
  name: string;

  @ApiProperty({ type: [ExtractorDto] })
  extractors: ExtractorDto[];

  @ApiPropertyOptional({ description: 'JavaScript combination function of the extracted values', example: 'value => value * 1000' })
  function?: string;

  @ApiProperty({ description: 'Used to filter datasets (fingerprints, comparisons)', example: true })
  filtering: boolean;

  @ApiProperty({ description: 'A metric (used in change detection and comparisons)', example: true })
  metrics: boolean;

  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  schemaId: number;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access', example: 'PUBLIC' })
  access: AccessValue;
}

/** A label in addLabels/updateLabels bodies and imports. */
export class LabelInput {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'The label to update; a label without an id (or with id < 1) is created' })
  @IsOptional()
  @IsInt()
  id?: number | null;

  @ApiProperty({ example: 'Throughput' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ type: [ExtractorInput], description: 'None when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ExtractorInput)
  extractors?: ExtractorInput[];

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'JavaScript combination function; omit for none (an empty text is refused)' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  function?: string | null;

  @ApiPropertyOptional({ description: 'True when omitted' })
  @IsOptional()
  @IsBoolean()
  filtering?: boolean;

  @ApiPropertyOptional({ description: 'True when omitted' })
  @IsOptional()
  @IsBoolean()
  metrics?: boolean;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'Ignored: the schema is the one in the path (or the imported schema)' })
  @IsOptional()
  @IsInt()
  schemaId?: number | null;

  @ApiPropertyOptional({ description: "Owner team (default: the schema's owner); you must be one of its testers" })
  @IsOptional()
  @IsString()
  owner?: string;

  @ApiPropertyOptional({ enum: ACCESS_VALUES, enumName: 'Access', description: "By name or ordinal (default: the schema's access)" })
  @IsOptional()
  @IsIn(ACCESS_INPUTS)
  access?: AccessInput;
}

/** Horreum's `LabelInfo`: labels of one name, across schemas. */
export class LabelInfo {
  @ApiProperty({ example: 'buildID' })
  name: string;

  @ApiProperty({ description: 'True when any label of this name is a metric', example: true })
  metrics: boolean;

  @ApiProperty({ description: 'True when any label of this name is a filtering label', example: false })
  filtering: boolean;

  @ApiProperty({ type: [SchemaDescriptor], description: 'The schemas that define a label of this name' })
  schemas: SchemaDescriptor[];
}
