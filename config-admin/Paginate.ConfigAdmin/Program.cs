using Paginate.ConfigAdmin;

AdminApp.Build(args).Run();
