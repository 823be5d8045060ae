import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ACCESS_VALUES, type AccessValue } from '../../tests/dto/test.dto';
import { ExtractorDto, ExtractorInput } from './label.dto';
import { ACCESS_INPUTS, type AccessInput } from './schema.dto';

/** Horreum's `Transformer`: turns the part of a run that carries its schema into datasets. */
export class TransformerDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ example: 'normalize-techempower-result' })
  name: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ description: 'The schema of the datasets it produces', example: 'urn:normalized-techempower:0.1' })
  targetSchemaUri?: string;

  @ApiProperty({ type: [ExtractorDto] })
  extractors: ExtractorDto[];

  @ApiPropertyOptional({ description: 'JavaScript function of the extracted values' })
  function?: string;

  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  schemaId: number;

  @ApiProperty({ example: 'urn:techempower:0.1' })
  schemaUri: string;

  @ApiProperty({ example: 'techempower' })
  schemaName: string;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access', example: 'PUBLIC' })
  access: AccessValue;
}

/** A transformer in addTransformer/updateTransformer bodies, imports and test exports. */
export class TransformerInput {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'The transformer to update; without an id (or with id < 1) one is created' })
  @IsOptional()
  @IsInt()
  id?: number | null;

  @ApiProperty({ example: 'normalize-techempower-result' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'urn:normalized-techempower:0.1' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  targetSchemaUri?: string | null;

  @ApiPropertyOptional({ type: [ExtractorInput], description: 'None when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ExtractorInput)
  extractors?: ExtractorInput[];

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'JavaScript function; omit for none (an empty text is refused)' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  function?: string | null;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'Ignored: the schema is the one in the path' })
  @IsOptional()
  @IsInt()
  schemaId?: number | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'In test imports: the URI of the schema the transformer belongs to' })
  @IsOptional()
  @IsString()
  schemaUri?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Ignored (informative)' })
  @IsOptional()
  @IsString()
  schemaName?: string | null;

  @ApiPropertyOptional({ description: "Owner team (default: the schema's owner); you must be one of its testers" })
  @IsOptional()
  @IsString()
  owner?: string;

  @ApiPropertyOptional({ enum: ACCESS_VALUES, enumName: 'Access', description: "By name or ordinal (default: the schema's access)" })
  @IsOptional()
  @IsIn(ACCESS_INPUTS)
  access?: AccessInput;
}

/** Horreum's `TransformerInfo`. */
export class TransformerInfo {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  schemaId: number;

  @ApiProperty({ example: 'urn:my-benchmark:0.1' })
  schemaUri: string;

  @ApiProperty({ example: 'my-benchmark-schema' })
  schemaName: string;

  @ApiProperty({ type: 'integer', format: 'int32', example: 201 })
  transformerId: number;

  @ApiProperty({ example: 'my-dataset-transformer' })
  transformerName: string;
}
