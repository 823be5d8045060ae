import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value);

/** Granary's additions to Horreum's upload queries. */
export class UploadOptionsQuery {
  @ApiPropertyOptional({ description: 'Granary: answer only once the run has its datasets and label values (at most 60 s), for CI scripts that read them next', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  wait?: boolean;

  @ApiPropertyOptional({ description: 'Granary: a key of your choosing (a CI build id...). A second upload with the same key to the same test stores nothing and answers the first run id', example: 'jenkins-build-4711' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  uploadKey?: string;
}

/** Query of Horreum's `POST /api/run/data` (addRunFromData). */
export class UploadRunQuery extends UploadOptionsQuery {
  @ApiProperty({ description: 'Test name or id', example: 'my-benchmark' })
  @IsString()
  @MaxLength(255)
  test: string;

  @ApiProperty({ description: 'Start: ISO-8601, epoch milliseconds, or a JSONPath into the document (`$.startTime`)', example: '2023-10-23T00:13:35Z' })
  @IsString()
  start: string;

  @ApiProperty({ description: 'Stop: as start', example: '$.stopTime' })
  @IsString()
  stop: string;

  @ApiPropertyOptional({ description: "Owner team (default: the uploader's team when it uploads for one team only, else the test's owner)", example: 'perf-team' })
  @IsOptional()
  @IsString()
  owner?: string;

  @ApiPropertyOptional({ description: 'Access: PUBLIC, PROTECTED or PRIVATE (or 0, 1, 2); default PRIVATE', example: 'PRIVATE' })
  @IsOptional()
  @IsString()
  access?: string;

  @ApiPropertyOptional({ description: 'Schema URI to set as `$schema` of the document', example: 'urn:my-benchmark:0.2' })
  @IsOptional()
  @IsString()
  schema?: string;

  @ApiPropertyOptional({ description: 'Description, or a JSONPath into the document', example: 'AWS runs' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;
}

/** Query of Horreum's `POST /api/run/test` (addRun). */
export class AddRunQuery extends UploadOptionsQuery {
  @ApiPropertyOptional({ description: 'Test name or id (default: testid of the body)', example: 'my-benchmark' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  test?: string;

  @ApiPropertyOptional({ description: 'Owner team', example: 'perf-team' })
  @IsOptional()
  @IsString()
  owner?: string;

  @ApiPropertyOptional({ description: 'Access: PUBLIC, PROTECTED or PRIVATE (or 0, 1, 2)', example: '0' })
  @IsOptional()
  @IsString()
  access?: string;
}

/** Body of Horreum's addRun: a Run (id, trashed and datasets are ignored). */
export class AddRunBody {
  @ApiPropertyOptional({ description: 'Test id, when ?test= is not given', example: 101 })
  @Allow()
  testid?: number;

  @ApiProperty({ description: 'Start, epoch milliseconds (or ISO-8601)', example: 1704965908267 })
  @Allow()
  start: number | string;

  @ApiProperty({ description: 'Stop, epoch milliseconds (or ISO-8601)', example: 1704965908267 })
  @Allow()
  stop: number | string;

  @ApiPropertyOptional({ description: 'Description' })
  @Allow()
  description?: string;

  @ApiPropertyOptional({ description: 'Owner team' })
  @Allow()
  owner?: string;

  @ApiPropertyOptional({ description: 'Access', example: 'PRIVATE' })
  @Allow()
  access?: string;

  @ApiProperty({ description: 'The results document (an object, or JSON text)' })
  @Allow()
  data: unknown;

  @ApiPropertyOptional({ description: 'Metadata: an object with `$schema`, or an array of them (or JSON text)' })
  @Allow()
  metadata?: unknown;
}
