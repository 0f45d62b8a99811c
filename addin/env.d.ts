// Office.js types for the add-in (the Worker and domain never see them at run time).
/// <reference types="office-js" />
