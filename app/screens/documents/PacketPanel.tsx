import { PacketStatus } from '../../components/documents/PacketStatus';
import { tabletPacketState } from '../../documents/runtime';
import { storageInfo } from '../../session/storage';

/** The document packet's progress and storage, for the status and station screens. */
export function PacketPanel() {
  return <PacketStatus packet={tabletPacketState()} storageUsed={storageInfo().usage} />;
}
