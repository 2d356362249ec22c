import { TrashPanel } from '../panels/TrashPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

/** The side panel's "Geschiedenis" tab: the versions of the analysis, and the Prullenbak. */
export function HistoryPanel() {
  return (
    <div className="history-panel" data-testid="history-panel">
      <VersionsPanel />
      <TrashPanel />
    </div>
  );
}
