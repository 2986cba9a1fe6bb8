console.log("sla-kit");
