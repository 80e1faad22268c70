using Paginate.Gateway;

GatewayApp.Build(args).Run();
