export { mayReceive, mayReceiveMarking, STRICT_RECEIVE_POLICY, type ReceivePolicy, type Receiver } from './mayReceive';
export { digestMarking, promptTexts } from './marking';
