// Office.js and OfficeRuntime types for the add-in (the Worker and domain never see them at run time).
/// <reference types="office-js" />
/// <reference types="office-runtime" />
