import { Body, Controller, Get, Header, Inject, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { TestExport, TestExportInput } from './dto/export.dto';
import { IdListPipe } from './dto/list-body.pipe';
import { TestTransferService } from './test-transfer.service';
import { TransformersService } from './transformers.service';

const ID = { type: 'integer', format: 'int32', example: 101 } as const;

/**
 * Horreum's test definition endpoints that concern schemas: export and import, and the choice of
 * transformers. Exactly `GET test/:id/export`, `POST|PUT test/import`, `POST test/:id/transformers`
 * (the other /api/test routes live in tests/).
 */
@ApiTags('Test')
@Controller('test')
export class TestDefinitionsController {
  constructor(
    @Inject(TestTransferService) private readonly transfer: TestTransferService,
    @Inject(TransformersService) private readonly transformers: TransformersService,
  ) {}

  @Get(':id/export')
  @Access('public')
  @ApiOperation({ operationId: 'exportTest', summary: 'A test with its transformers and the schemas, labels and transformers it uses, for import elsewhere' })
  @ApiOkResponse({ type: TestExport })
  @ApiProblemResponses(400, 404)
  export(@CallerParam() caller: Caller, @Param('id', ParseIntPipe) id: number): Promise<TestExport> {
    return this.transfer.exportTest(caller, id);
  }

  @Post('import')
  @Access('authenticated')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ operationId: 'addTestWithImport', summary: 'Import a test and the schemas it carries (matched by name and URI: a second import updates); answers its id' })
  @ApiCreatedResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  addWithImport(@CallerParam() caller: UserCaller, @Body() body: TestExportInput): Promise<number> {
    return this.transfer.importTest(caller, body);
  }

  @Put('import')
  @Access('authenticated')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ operationId: 'updateTestWithImport', summary: 'Update a test (by name) and the schemas it carries from an export; answers its id' })
  @ApiOkResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  updateWithImport(@CallerParam() caller: UserCaller, @Body() body: TestExportInput): Promise<number> {
    return this.transfer.importTest(caller, body);
  }

  @Post(':id/transformers')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateTransformers', summary: "Choose the transformers a test uses (testers of its team); its runs are transformed again" })
  @ApiBody({ schema: { type: 'array', items: { type: 'integer', format: 'int32' }, example: [101] } })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async updateTransformers(@CallerParam() caller: UserCaller, @Param('id', ParseIntPipe) id: number, @Body(IdListPipe) ids: number[]): Promise<void> {
    await this.transformers.setForTest(caller, id, ids);
  }
}
