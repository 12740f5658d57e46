import { Box, Text } from 'ink';
import type { ImprovementAction } from '../../tabletop/types.ts';
import { useTone } from '../theme.tsx';

/** Column widths of the AAR/IP matrix: 2 + 30 + 16 + 16 + 10 and three gaps fit 80 columns. */
const COLUMNS = { mark: 2, action: 30, capability: 16, owner: 16, due: 10 } as const;

export function sameAction(a: ImprovementAction, b: ImprovementAction): boolean {
  return a.action === b.action && a.capability === b.capability && a.owner === b.owner && a.due === b.due;
}

export function PlanHeader() {
  const tone = useTone();
  return (
    <Cells
      mark=""
      color={tone('muted')}
      cells={{ action: 'Corrective action', capability: 'Capability', owner: 'Owner', due: 'Due' }}
    />
  );
}

/** One matrix row; `mark` is the cursor (›) or accepted (✓) sign in front. */
export function PlanRow({
  action,
  mark = '',
  color,
}: {
  action: ImprovementAction;
  mark?: string;
  color?: string;
}) {
  return <Cells mark={mark} color={color} cells={action} />;
}

function Cells({ mark, color, cells }: { mark: string; color?: string; cells: ImprovementAction }) {
  return (
    <Box>
      <Box width={COLUMNS.mark} flexShrink={0}>
        <Text color={color}>{mark}</Text>
      </Box>
      {(['action', 'capability', 'owner', 'due'] as const).map((column) => (
        <Box key={column} width={COLUMNS[column]} flexShrink={0} marginRight={column === 'due' ? 0 : 1}>
          <Text color={color} wrap="truncate-end">
            {cells[column]}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
