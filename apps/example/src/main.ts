console.log('ModelMesh example');
