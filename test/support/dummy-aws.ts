/** Credentials and region for SDK clients aimed at loopback servers: any values are accepted there. */
export const DUMMY_CREDENTIALS = {
  accessKeyId: 'AKIDPOLYBRIEFTEST',
  secretAccessKey: 'polybrief-test-secret',
};
export const DUMMY_REGION = 'us-east-1';
