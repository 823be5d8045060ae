import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { SchemaExport, SchemaExportInput } from './dto/export.dto';
import { LabelDto, LabelInfo, LabelInput } from './dto/label.dto';
import { ListBodyPipe } from './dto/list-body.pipe';
import { AllLabelsQuery, DescriptorsQuery, FindUsagesQuery, ListSchemasQuery, UpdateAccessQuery } from './dto/schema-queries.dto';
import { LabelLocation, SchemaDescriptor, SchemaDto, SchemaInput, SchemaQueryResult } from './dto/schema.dto';
import { TransformerDto, TransformerInfo, TransformerInput } from './dto/transformer.dto';
import { LabelsService } from './labels.service';
import { SchemaTransferService } from './schema-transfer.service';
import { SchemasService } from './schemas.service';
import { TransformersService } from './transformers.service';

const ID = { type: 'integer', format: 'int32', example: 101 } as const;
const IDS = { type: 'array', items: { type: 'integer', format: 'int32' }, example: [101, 102] } as const;
/** Horreum answers ids as bare JSON numbers. */
const JSON_CONTENT = ['Content-Type', 'application/json; charset=utf-8'] as const;

/**
 * Horreum-compatible schema endpoints (paths, parameters and shapes of Horreum 0.20). Reads are
 * public: row-level security decides what each caller sees. Fixed paths come before `:id`.
 */
@ApiTags('Schema')
@Controller('schema')
export class SchemasHorreumController {
  constructor(
    @Inject(SchemasService) private readonly schemas: SchemasService,
    @Inject(LabelsService) private readonly labels: LabelsService,
    @Inject(TransformersService) private readonly transformers: TransformersService,
    @Inject(SchemaTransferService) private readonly transfer: SchemaTransferService,
  ) {}

  @Get()
  @Access('public')
  @ApiOperation({ operationId: 'listSchemas', summary: 'List the schemas the caller may see, a page at a time, with their count' })
  @ApiOkResponse({ type: SchemaQueryResult })
  @ApiProblemResponses(400)
  list(@CallerParam() caller: Caller, @Query() query: ListSchemasQuery): Promise<SchemaQueryResult> {
    return this.schemas.list(caller, query);
  }

  @Post()
  @Access('authenticated')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'addSchema', summary: 'Create a schema owned by a team you are a tester of; answers its id' })
  @ApiCreatedResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  add(@CallerParam() caller: UserCaller, @Body() body: SchemaInput): Promise<number> {
    return this.schemas.add(caller, body);
  }

  @Put()
  @Access('authenticated')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'updateSchema', summary: 'Replace a schema (by `id`); a new URI or JSON Schema re-processes its runs' })
  @ApiOkResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  update(@CallerParam() caller: UserCaller, @Body() body: SchemaInput): Promise<number> {
    return this.schemas.update(caller, body);
  }

  @Get('allLabels')
  @Access('public')
  @ApiOperation({ operationId: 'allLabels', summary: 'Labels grouped by name, with the schemas that define each' })
  @ApiOkResponse({ type: [LabelInfo] })
  @ApiProblemResponses(400)
  allLabels(@CallerParam() caller: Caller, @Query() query: AllLabelsQuery): Promise<LabelInfo[]> {
    return this.schemas.allLabels(caller, query.name);
  }

  @Get('allTransformers')
  @Access('public')
  @ApiOperation({ operationId: 'allTransformers', summary: 'Every transformer the caller may see, with its schema' })
  @ApiOkResponse({ type: [TransformerInfo] })
  @ApiProblemResponses()
  allTransformers(@CallerParam() caller: Caller): Promise<TransformerInfo[]> {
    return this.schemas.allTransformers(caller);
  }

  @Get('descriptors')
  @Access('public')
  @ApiOperation({ operationId: 'descriptors', summary: 'Id, name and URI of the given schemas (all visible schemas without `id`)' })
  @ApiOkResponse({ type: [SchemaDescriptor] })
  @ApiProblemResponses(400)
  descriptors(@CallerParam() caller: Caller, @Query() query: DescriptorsQuery): Promise<SchemaDescriptor[]> {
    return this.schemas.descriptors(caller, query.id);
  }

  @Get('findUsages')
  @Access('public')
  @ApiOperation({ operationId: 'findUsages', summary: 'Where a label name is used (test fingerprints so far)' })
  @ApiOkResponse({ type: [LabelLocation] })
  @ApiProblemResponses(400)
  findUsages(@CallerParam() caller: Caller, @Query() query: FindUsagesQuery): Promise<LabelLocation[]> {
    return this.schemas.findUsages(caller, query.label);
  }

  @Get('idByUri/:uri')
  @Access('public')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'idByUri', summary: 'The id of the schema with this URI (URL-encoded)' })
  @ApiOkResponse({ schema: ID })
  @ApiProblemResponses(404)
  idByUri(@CallerParam() caller: Caller, @Param('uri') uri: string): Promise<number> {
    return this.schemas.idByUri(caller, uri);
  }

  @Post('import')
  @Access('authenticated')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'addSchemaWithImport', summary: 'Import a schema with its labels and transformers (matched by URI and names: a second import updates); answers its id' })
  @ApiCreatedResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  addWithImport(@CallerParam() caller: UserCaller, @Body() body: SchemaExportInput): Promise<number> {
    return this.transfer.importSchema(caller, body);
  }

  @Put('import')
  @Access('authenticated')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'updateSchemaWithImport', summary: 'Update a schema, its labels and transformers from an export (matched by URI and names); answers its id' })
  @ApiOkResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  updateWithImport(@CallerParam() caller: UserCaller, @Body() body: SchemaExportInput): Promise<number> {
    return this.transfer.importSchema(caller, body);
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({ operationId: 'getSchema', summary: 'A schema' })
  @ApiOkResponse({ type: SchemaDto })
  @ApiProblemResponses(400, 404)
  get(@CallerParam() caller: Caller, @Param('id', ParseIntPipe) id: number): Promise<SchemaDto> {
    return this.schemas.get(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'deleteSchema', summary: 'Delete a schema with its labels and transformers (testers of its team)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async remove(@CallerParam() caller: UserCaller, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.schemas.remove(caller, id);
  }

  @Get(':id/export')
  @Access('public')
  @ApiOperation({ operationId: 'exportSchema', summary: 'A schema with its labels and transformers, for import elsewhere' })
  @ApiOkResponse({ type: SchemaExport })
  @ApiProblemResponses(400, 404)
  export(@CallerParam() caller: Caller, @Param('id', ParseIntPipe) id: number): Promise<SchemaExport> {
    return this.transfer.exportSchema(caller, id);
  }

  @Post(':id/updateAccess')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateSchemaAccess', summary: 'Give a schema another owner team and access level' })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async updateAccess(@CallerParam() caller: UserCaller, @Param('id', ParseIntPipe) id: number, @Query() query: UpdateAccessQuery): Promise<void> {
    await this.schemas.updateAccess(caller, id, query.owner, query.access);
  }

  @Get(':schemaId/labels')
  @Access('public')
  @ApiOperation({ operationId: 'labels', summary: 'The labels of a schema' })
  @ApiOkResponse({ type: [LabelDto] })
  @ApiProblemResponses(400, 404)
  listLabels(@CallerParam() caller: Caller, @Param('schemaId', ParseIntPipe) schemaId: number): Promise<LabelDto[]> {
    return this.labels.list(caller, schemaId);
  }

  @Post(':schemaId/labels')
  @Access('authenticated')
  @ApiOperation({ operationId: 'addLabels', summary: 'Add labels to a schema (labels with an id are updated); answers their ids. Only the labels added or changed are recomputed' })
  @ApiBody({ type: [LabelInput] })
  @ApiCreatedResponse({ schema: IDS })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  addLabels(@CallerParam() caller: UserCaller, @Param('schemaId', ParseIntPipe) schemaId: number, @Body(new ListBodyPipe(LabelInput, 'labels')) body: LabelInput[]): Promise<number[]> {
    return this.labels.save(caller, schemaId, body);
  }

  @Put(':schemaId/labels')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateLabels', summary: 'Update labels of a schema by id (labels without one are added); answers their ids. Only the labels changed are recomputed' })
  @ApiBody({ type: [LabelInput] })
  @ApiOkResponse({ schema: IDS })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  updateLabels(@CallerParam() caller: UserCaller, @Param('schemaId', ParseIntPipe) schemaId: number, @Body(new ListBodyPipe(LabelInput, 'labels')) body: LabelInput[]): Promise<number[]> {
    return this.labels.save(caller, schemaId, body);
  }

  @Delete(':schemaId/labels/:labelId')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'deleteLabel', summary: 'Delete a label and its values (testers of its team)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async deleteLabel(@CallerParam() caller: UserCaller, @Param('schemaId', ParseIntPipe) schemaId: number, @Param('labelId', ParseIntPipe) labelId: number): Promise<void> {
    await this.labels.remove(caller, schemaId, labelId);
  }

  @Get(':schemaId/transformers')
  @Access('public')
  @ApiOperation({ operationId: 'listTransformers', summary: 'The transformers of a schema' })
  @ApiOkResponse({ type: [TransformerDto] })
  @ApiProblemResponses(400, 404)
  listTransformers(@CallerParam() caller: Caller, @Param('schemaId', ParseIntPipe) schemaId: number): Promise<TransformerDto[]> {
    return this.transformers.list(caller, schemaId);
  }

  @Post(':schemaId/transformers')
  @Access('authenticated')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'addTransformer', summary: 'Add a transformer to a schema (one with an id is updated); answers its id' })
  @ApiCreatedResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  addTransformer(@CallerParam() caller: UserCaller, @Param('schemaId', ParseIntPipe) schemaId: number, @Body() body: TransformerInput): Promise<number> {
    return this.transformers.save(caller, schemaId, body);
  }

  @Put(':schemaId/transformers')
  @Access('authenticated')
  @Header(...JSON_CONTENT)
  @ApiOperation({ operationId: 'updateTransformer', summary: 'Update a transformer of a schema by id (one without an id is added); answers its id' })
  @ApiOkResponse({ schema: ID })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  updateTransformer(@CallerParam() caller: UserCaller, @Param('schemaId', ParseIntPipe) schemaId: number, @Body() body: TransformerInput): Promise<number> {
    return this.transformers.save(caller, schemaId, body);
  }

  @Delete(':schemaId/transformers/:transformerId')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'deleteTransformer', summary: 'Delete a transformer no test uses (400 while tests still use it)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async deleteTransformer(
    @CallerParam() caller: UserCaller,
    @Param('schemaId', ParseIntPipe) schemaId: number,
    @Param('transformerId', ParseIntPipe) transformerId: number,
  ): Promise<void> {
    await this.transformers.remove(caller, schemaId, transformerId);
  }
}
