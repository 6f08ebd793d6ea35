export * from '@modelmesh/testing';
