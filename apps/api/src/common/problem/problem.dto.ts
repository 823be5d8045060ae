import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldError {
  @ApiProperty({ description: 'JSON pointer to the offending value', example: '/limit' })
  pointer: string;

  @ApiProperty({ example: 'limit must not be greater than 1000' })
  message: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemDto {
  @ApiProperty({ description: 'Stable problem type URI', example: 'urn:granary:problem:not-found' })
  type: string;

  @ApiProperty({ example: 'Not found' })
  title: string;

  @ApiProperty({ type: 'integer', example: 404 })
  status: number;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ description: 'The path that was requested' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Identifies the request in the logs' })
  requestId?: string;

  @ApiPropertyOptional({ type: [ProblemFieldError] })
  errors?: ProblemFieldError[];
}
