import { Access } from '../auth/access.decorator';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerParam, type Caller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { ListTestsQuery } from './dto/list-tests.query';
import { TestQueryResult } from './dto/test.dto';
import { TestsService } from './tests.service';

/** Horreum-compatible test endpoints (paths, parameters and shapes of Horreum 0.20). */
@ApiTags('Test')
@Access('public')
@Controller('test')
export class TestsHorreumController {
  constructor(@Inject(TestsService) private readonly tests: TestsService) {}

  @Get()
  @ApiOperation({ operationId: 'listTests', summary: 'List the tests the caller may see, a page at a time, with their count' })
  @ApiOkResponse({ type: TestQueryResult })
  @ApiProblemResponses(400)
  list(@CallerParam() caller: Caller, @Query() query: ListTestsQuery): Promise<TestQueryResult> {
    return this.tests.list(caller, query);
  }
}
