import { useNavigate } from '@solidjs/router';
import { DocumentRows } from '../../components/documents/DocumentRows';
import { tabletPacketState } from '../../documents/runtime';
import { useWorkOrderDocuments } from '../../queries/documents';
import { useTablet } from '../shell/tablet-context';

/** For the job screen: the work order's released traveler's documents; a tap opens one full screen. */
export function DocumentList(props: { workOrderId: string }) {
  const t = useTablet();
  const navigate = useNavigate();
  const documents = useWorkOrderDocuments(t.db, () => props.workOrderId);
  return (
    <DocumentRows
      documents={documents() === undefined ? [] : (documents() ?? null)}
      isHeld={(sha) => tabletPacketState().held.has(sha)}
      onOpen={(id) => navigate(`/document/${encodeURIComponent(id)}`)}
    />
  );
}
