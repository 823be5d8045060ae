'use client';

import type { Problem } from '@granary/api-client';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  ExpandableSection,
  Flex,
  FlexItem,
  FormGroup,
  TextInput,
  Title,
} from '@patternfly/react-core';
import AngleLeftIcon from '@patternfly/react-icons/dist/esm/icons/angle-left-icon';
import AngleRightIcon from '@patternfly/react-icons/dist/esm/icons/angle-right-icon';
import FlagIcon from '@patternfly/react-icons/dist/esm/icons/flag-icon';
import MapMarkerIcon from '@patternfly/react-icons/dist/esm/icons/map-marker-icon';
import SearchMinusIcon from '@patternfly/react-icons/dist/esm/icons/search-minus-icon';
import SearchPlusIcon from '@patternfly/react-icons/dist/esm/icons/search-plus-icon';
import UndoIcon from '@patternfly/react-icons/dist/esm/icons/undo-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import { useEffect, useId, useMemo, useRef, useState, useTransition } from 'react';
import { Chart, type ChartZoom } from '../../components/chart';
import { ConfirmModal } from '../../components/confirm-modal';
import { ProblemAlert } from '../../components/problem-alert';
import { formatEpoch } from '../../lib/format';
import { describeChange, describeMarker, formatValue } from './change-format';
import { ChangeStatusLabel } from './change-status-label';
import type { Change, Series, SeriesPoint } from './change-types';
import { markChange, setOutlier } from './changes.actions';
import { buildSeriesOption, clickedPointIndex, FULL_RANGE, isZoomed, LIGHT_COLORS, pan, summarizeSeries, zoomIn, zoomOut, type ChartColors } from './series.chart';

interface SeriesChartProps {
  testId: number;
  series: Series;
  canEdit: boolean;
}

/** One variable's datapoints in the chosen series: chart with zoom, change markers, the datapoint's actions, and the table behind the chart. */
export function SeriesChart({ testId, series, canEdit }: SeriesChartProps) {
  const id = useId();
  const summaryId = `${id}-summary`;
  const panelRef = useRef<HTMLDivElement>(null);
  const colors = useChartColors();
  const [zoom, setZoom] = useState<ChartZoom>(FULL_RANGE);
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  const [selectedIndex, setSelectedIndex] = useState<number>();
  const [isTableOpen, setIsTableOpen] = useState(false);
  const name = series.variable.name;

  // The option changes with the data and the selection; zoom moves by itself (see Chart), so
  // the current zoom is read when the option is rebuilt, not a reason to rebuild it.
  const option = useMemo(() => buildSeriesOption({ series, zoom: zoomRef.current, colors, selectedIndex }), [series, colors, selectedIndex]);
  const selected = selectedIndex === undefined ? undefined : series.points[selectedIndex];

  const open = (index: number) => {
    setSelectedIndex(index);
    // Keyboard and screen reader users land on what they opened.
    requestAnimationFrame(() => panelRef.current?.focus());
  };

  return (
    <Card isCompact component="section" aria-labelledby={`${id}-title`}>
      <CardHeader
        actions={{
          hasNoOffset: true,
          actions: (
            <div role="group" aria-label={`Zoom and pan ${name}`}>
              <Button variant="control" icon={<SearchPlusIcon />} aria-label={`Zoom in on ${name}`} onClick={() => setZoom(zoomIn(zoom))} isDisabled={zoom.end - zoom.start <= 1} />
              <Button variant="control" icon={<SearchMinusIcon />} aria-label={`Zoom out of ${name}`} onClick={() => setZoom(zoomOut(zoom))} isDisabled={!isZoomed(zoom)} />
              <Button variant="control" icon={<AngleLeftIcon />} aria-label={`Show earlier datapoints of ${name}`} onClick={() => setZoom(pan(zoom, -1))} isDisabled={zoom.start <= 0} />
              <Button variant="control" icon={<AngleRightIcon />} aria-label={`Show later datapoints of ${name}`} onClick={() => setZoom(pan(zoom, 1))} isDisabled={zoom.end >= 100} />
              <Button variant="control" icon={<UndoIcon />} aria-label={`Show all datapoints of ${name}`} onClick={() => setZoom(FULL_RANGE)} isDisabled={!isZoomed(zoom)}>
                All
              </Button>
            </div>
          ),
        }}
      >
        <CardTitle>
          <Title headingLevel="h3" size="md" id={`${id}-title`}>
            {name}
          </Title>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {series.points.length === 0 ? (
          <Content component="p">No datapoints of {name} in this series yet.</Content>
        ) : (
          <>
            <Chart
              option={option}
              label={`Chart of ${name}`}
              describedBy={summaryId}
              zoom={zoom}
              onZoom={setZoom}
              onItemClick={(params) => {
                const index = clickedPointIndex(params);
                if (index !== undefined) {
                  open(index);
                }
              }}
            />
            <Content component="p" id={summaryId}>
              <small>{summarizeSeries(series)}</small>
            </Content>
            <ChartKey colors={colors} />
          </>
        )}
        {selected && selectedIndex !== undefined && (
          <DatapointPanel
            ref={panelRef}
            testId={testId}
            variableId={series.variable.id ?? 0}
            variableName={name}
            point={selected}
            change={series.changes.find((c) => c.dataset?.id === selected.datasetId)}
            canEdit={canEdit}
            onClose={() => setSelectedIndex(undefined)}
          />
        )}
        {series.points.length > 0 && (
          <ExpandableSection
            toggleText={isTableOpen ? `Hide the datapoints of ${name}` : `Show the datapoints of ${name} as a table`}
            onToggle={(_event, isOpen) => setIsTableOpen(isOpen)}
            isExpanded={isTableOpen}
          >
            {isTableOpen && <DatapointTable name={name} series={series} onOpen={open} />}
          </ExpandableSection>
        )}
      </CardBody>
    </Card>
  );
}

/** What the marks on the chart mean, in words (colour is never the only cue). */
function ChartKey({ colors }: { colors: ChartColors }) {
  const swatch = (color: string, style: 'solid' | 'dotted' | 'dashed') => (
    <span aria-hidden="true" style={{ display: 'inline-block', width: '1.5em', borderTop: `3px ${style} ${color}`, verticalAlign: 'middle', marginInlineEnd: '0.25em' }} />
  );
  return (
    <Flex component="ul" aria-label="Chart key" spaceItems={{ default: 'spaceItemsMd' }} className="pf-v6-u-font-size-sm" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
      <FlexItem component="li">{swatch(colors.new, 'solid')}New change (pin)</FlexItem>
      <FlexItem component="li">{swatch(colors.confirmed, 'solid')}Confirmed change</FlexItem>
      <FlexItem component="li">{swatch(colors.ignored, 'dotted')}Ignored change (dotted)</FlexItem>
      <FlexItem component="li">{swatch(colors.manual, 'dashed')}Manual change (diamond, dashed)</FlexItem>
      <FlexItem component="li">
        <span aria-hidden="true" style={{ display: 'inline-block', width: '0.8em', height: '0.8em', border: `2px solid ${colors.outlier}`, borderRadius: '50%', marginInlineEnd: '0.25em' }} />
        Outlier (hollow point)
      </FlexItem>
    </Flex>
  );
}

interface DatapointPanelProps {
  ref: React.Ref<HTMLDivElement>;
  testId: number;
  variableId: number;
  variableName: string;
  point: SeriesPoint;
  /** The change that starts at this datapoint, if any. */
  change: Change | undefined;
  canEdit: boolean;
  onClose: () => void;
}

/** The datapoint clicked (or opened from the table): its dataset and run, and what a tester can do with it. */
function DatapointPanel({ ref, testId, variableId, variableName, point, change, canEdit, onClose }: DatapointPanelProps) {
  const titleId = useId();
  const [problem, setProblem] = useState<Problem>();
  const [isPending, startTransition] = useTransition();
  const [isMarking, setIsMarking] = useState(false);
  const [description, setDescription] = useState('');
  const when = formatEpoch(point.time);

  const flag = (outlier: boolean) =>
    startTransition(async () => {
      const result = await setOutlier(testId, { variableId, datasetId: point.datasetId, outlier });
      setProblem(result.isOk ? undefined : result.problem);
    });

  return (
    <div ref={ref} tabIndex={-1} className="pf-v6-u-my-md">
    <Card isCompact aria-labelledby={titleId} component="section">
      <CardHeader
        actions={{
          actions: (
            <Button variant="link" onClick={onClose} aria-label={`Close the datapoint of ${variableName} on ${when}`}>
              Close
            </Button>
          ),
        }}
      >
        <CardTitle>
          <Title headingLevel="h4" size="md" id={titleId}>
            Datapoint of {variableName} on {when}
          </Title>
        </CardTitle>
      </CardHeader>
      <CardBody>
        <DescriptionList isCompact isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>Value</DescriptionListTerm>
            <DescriptionListDescription>{formatValue(point.value)}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Dataset</DescriptionListTerm>
            <DescriptionListDescription>
              <Link href={`/runs/${point.runId}#dataset-${point.ordinal}`}>
                Dataset {point.runId}/{point.ordinal + 1}
              </Link>{' '}
              of <Link href={`/runs/${point.runId}`}>Run {point.runId}</Link>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Outlier</DescriptionListTerm>
            <DescriptionListDescription>{point.outlier ? 'Yes: change detection skips this datapoint' : 'No'}</DescriptionListDescription>
          </DescriptionListGroup>
          {change && (
            <DescriptionListGroup>
              <DescriptionListTerm>Change</DescriptionListTerm>
              <DescriptionListDescription>
                A {describeMarker(change)} starts here: {describeChange(change)} <ChangeStatusLabel change={change} />
              </DescriptionListDescription>
            </DescriptionListGroup>
          )}
        </DescriptionList>
        {problem && <ProblemAlert problem={problem} />}
        {canEdit && (
          <Flex className="pf-v6-u-mt-md" spaceItems={{ default: 'spaceItemsSm' }}>
            <FlexItem>
              <Button variant="secondary" icon={<FlagIcon />} onClick={() => flag(!point.outlier)} isLoading={isPending} isDisabled={isPending}>
                {point.outlier ? 'Unflag outlier' : 'Flag as outlier'}
              </Button>
            </FlexItem>
            {!change && (
              <FlexItem>
                <Button variant="secondary" icon={<MapMarkerIcon />} onClick={() => setIsMarking(true)} isDisabled={isPending}>
                  Mark change here
                </Button>
              </FlexItem>
            )}
          </Flex>
        )}
        {isMarking && (
          <ConfirmModal
            title="Mark a change here?"
            confirmLabel="Mark change"
            onConfirm={() => markChange(testId, { variableId, datasetId: point.datasetId, description })}
            onClose={() => setIsMarking(false)}
          >
            <Content component="p">
              A manual change of {variableName} will start at the datapoint of {when}. Change detection restarts its history there, as after a detected change.
            </Content>
            <FormGroup label="Description" fieldId={`${titleId}-description`}>
              <TextInput id={`${titleId}-description`} value={description} onChange={(_event, value) => setDescription(value)} placeholder="e.g. new JDK in the image" />
            </FormGroup>
          </ConfirmModal>
        )}
      </CardBody>
    </Card>
    </div>
  );
}

/** The chart's data as a table: the text alternative, and a way to open any datapoint by keyboard. */
function DatapointTable({ name, series, onOpen }: { name: string; series: Series; onOpen: (index: number) => void }) {
  const changeAt = new Map(series.changes.flatMap((c) => (typeof c.dataset?.id === 'number' ? [[c.dataset.id, c] as const] : [])));
  return (
    <div style={{ maxHeight: '24rem', overflowY: 'auto' }} tabIndex={0} role="region" aria-label={`Datapoints of ${name}, scrollable`}>
      <Table aria-label={`Datapoints of ${name}`} variant="compact" isStickyHeader role="table">
        <Thead>
          <Tr>
            <Th modifier="nowrap">Time</Th>
            <Th>Value</Th>
            <Th>Dataset</Th>
            <Th>Notes</Th>
            <Th screenReaderText="Actions" />
          </Tr>
        </Thead>
        <Tbody>
          {series.points.map((p, index) => {
            const change = changeAt.get(p.datasetId);
            const notes = [p.outlier ? 'Outlier' : '', change ? `${describeMarker(change)} starts` : ''].filter(Boolean).join('; ');
            return (
              <Tr key={p.datasetId}>
                <Td dataLabel="Time" modifier="nowrap">
                  {formatEpoch(p.time)}
                </Td>
                <Td dataLabel="Value">{formatValue(p.value)}</Td>
                <Td dataLabel="Dataset">
                  {p.runId}/{p.ordinal + 1}
                </Td>
                <Td dataLabel="Notes">{notes}</Td>
                <Td dataLabel="Actions" isActionCell>
                  <Button variant="link" isInline onClick={() => onOpen(index)} aria-label={`Open the datapoint of ${name} on ${formatEpoch(p.time)}`}>
                    Open
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    </div>
  );
}

/** PatternFly's colours for the canvas, read from the page so the dark theme applies too. */
function useChartColors(): ChartColors {
  const [colors, setColors] = useState<ChartColors>(LIGHT_COLORS);
  useEffect(() => {
    const read = () => {
      const style = getComputedStyle(document.documentElement);
      const token = (name: string, fallback: string) => style.getPropertyValue(`--pf-t--global--${name}`).trim() || fallback;
      setColors({
        line: token('color--brand--default', LIGHT_COLORS.line),
        text: token('text--color--regular', LIGHT_COLORS.text),
        axis: token('border--color--default', LIGHT_COLORS.axis),
        new: token('color--status--danger--default', LIGHT_COLORS.new),
        confirmed: token('color--status--success--default', LIGHT_COLORS.confirmed),
        ignored: token('text--color--subtle', LIGHT_COLORS.ignored),
        manual: token('color--nonstatus--purple--default', LIGHT_COLORS.manual),
        outlier: token('color--status--warning--default', LIGHT_COLORS.outlier),
        selected: token('text--color--regular', LIGHT_COLORS.selected),
      });
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return colors;
}
