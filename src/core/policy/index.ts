export { mayReceive, mayReceiveMarking, policyOf, STRICT_RECEIVE_POLICY, type ReceivePolicy, type Receiver } from './mayReceive';
export { digestMarking, promptTexts } from './marking';
