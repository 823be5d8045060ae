'use client';

import type { Problem } from '@granary/api-client';
import {
  Alert,
  AlertActionLink,
  Button,
  CodeBlock,
  CodeBlockAction,
  CodeBlockCode,
  ExpandableSection,
  Skeleton,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import DownloadIcon from '@patternfly/react-icons/dist/esm/icons/download-icon';
import { useId, useState, useTransition } from 'react';
import type { ApiResult } from '../lib/api-result';
import { formatBytes } from '../lib/format';
import { ProblemAlert } from './problem-alert';

export interface JsonViewerProps {
  /** What the document is, e.g. "Run 12 JSON": names the toggle and the scrollable region. */
  title: string;
  /**
   * The (pretty-printed) text to show first: the whole document, or its head when it is large.
   * Without it the document is loaded with `loadAll` when the viewer is first opened.
   */
  text?: string;
  /** The size of the whole pretty-printed document, in characters (when known). */
  totalChars?: number;
  isTruncated?: boolean;
  /** Fetches the whole text on demand ("Show all", or the first opening). */
  loadAll?: () => Promise<ApiResult<string>>;
  /** Where the browser downloads the document as a file. */
  downloadHref?: string;
  isExpandedInitially?: boolean;
}

/**
 * A JSON document in a collapsible, scrollable code block. A large document arrives as its first
 * part only (so the page stays responsive); "Show all" fetches the rest when a person asks.
 */
export function JsonViewer({ title, text, totalChars, isTruncated = false, loadAll, downloadHref, isExpandedInitially = false }: JsonViewerProps) {
  const [isExpanded, setIsExpanded] = useState(isExpandedInitially);
  const [fullText, setFullText] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [isLoading, startLoading] = useTransition();
  const regionId = useId();
  const shown = fullText ?? text;
  const knownSize = fullText?.length ?? totalChars;
  const size = knownSize === undefined ? '' : ` (${formatBytes(knownSize)})`;

  const showAll = () =>
    startLoading(async () => {
      const result = await loadAll!();
      if (result.isOk) {
        setFullText(result.data);
        setProblem(undefined);
      } else {
        setProblem(result.problem);
      }
    });

  const actions = downloadHref ? (
    <CodeBlockAction>
      <Button variant="link" component="a" href={downloadHref} download icon={<DownloadIcon />}>
        Download
      </Button>
    </CodeBlockAction>
  ) : undefined;

  return (
    <ExpandableSection
      toggleText={isExpanded ? `Hide ${title}${size}` : `Show ${title}${size}`}
      isExpanded={isExpanded}
      onToggle={(_event, expanded) => {
        setIsExpanded(expanded);
        if (expanded && shown === undefined && loadAll && !isLoading) {
          showAll();
        }
      }}
    >
      <Stack hasGutter>
        {isTruncated && !fullText && (
          <StackItem>
            <Alert
              variant="info"
              isInline
              isPlain
              title={`Showing the first ${formatBytes(text?.length ?? 0)} of ${formatBytes(totalChars ?? 0)}${loadAll ? '' : ': download it to see all of it'}`}
              actionLinks={
                loadAll ? (
                  <AlertActionLink onClick={showAll} isDisabled={isLoading}>
                    {isLoading ? 'Loading…' : `Show all${size}`}
                  </AlertActionLink>
                ) : undefined
              }
            />
          </StackItem>
        )}
        {problem && (
          <StackItem>
            <ProblemAlert problem={problem} />
          </StackItem>
        )}
        {shown === undefined ? (
          isLoading && (
            <StackItem>
              <Skeleton height="6rem" screenreaderText={`Loading ${title}`} />
            </StackItem>
          )
        ) : (
          <StackItem>
            <CodeBlock actions={actions}>
              {/* A scrollable region must be reachable with the keyboard. */}
              <div id={regionId} role="region" aria-label={title} tabIndex={0} style={{ maxHeight: '32rem', overflow: 'auto' }}>
                <CodeBlockCode>{shown}</CodeBlockCode>
              </div>
            </CodeBlock>
          </StackItem>
        )}
      </Stack>
    </ExpandableSection>
  );
}
