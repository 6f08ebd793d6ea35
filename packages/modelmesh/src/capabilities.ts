export * from '@modelmesh/capabilities';
